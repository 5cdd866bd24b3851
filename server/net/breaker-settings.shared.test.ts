import { describe, expect, it } from "vitest";
import { hostBreakerKey } from "./circuit-breaker";
import { DEFAULT_BREAKER_THRESHOLDS, thresholdsFor, ZBreakerOverride, ZBreakerSettings } from "./breaker-settings.shared";
import { normalizeHost } from "./outbound-guard";

// An override saved for an IPv6 host applies to the breaker key HTTP and MCP steps build for it (issue 10 review).

const override = (key: string, failureThreshold: number) => ({ ...DEFAULT_BREAKER_THRESHOLDS, key, failureThreshold });

/** The key an HTTP step to `url` uses: the guard's normalised host name and the URL's port. */
const keyOfUrl = (url: string) => hostBreakerKey(normalizeHost(new URL(url).hostname), new URL(url).port);

describe("IPv6 host overrides", () => {
  it("match the breaker key of a call to that host, with or without a port, however the address was written", () => {
    const settings = ZBreakerSettings.parse({
      defaults: DEFAULT_BREAKER_THRESHOLDS,
      overrides: [override("host:[::1]:8080", 2), override("host:[0:0:0:0:0:0:0:2]", 3), override("host:[FE80::1]:9000", 4)],
    });
    expect(thresholdsFor(settings, keyOfUrl("http://[::1]:8080/x")).failureThreshold).toBe(2);
    expect(thresholdsFor(settings, keyOfUrl("http://[::2]:8443/x")).failureThreshold).toBe(3);
    expect(thresholdsFor(settings, keyOfUrl("http://[fe80::1]:9000/x")).failureThreshold).toBe(4);
    expect(thresholdsFor(settings, keyOfUrl("http://[::1]:8081/x")).failureThreshold).toBe(DEFAULT_BREAKER_THRESHOLDS.failureThreshold);
  });

  it("are saved in the form the breakers use, and keys of host names are as before", () => {
    expect(ZBreakerOverride.parse(override("host:[0:0:0:0:0:0:0:1]:8080", 2)).key).toBe(keyOfUrl("http://[::1]:8080/"));
    expect(keyOfUrl("http://[::1]:8080/")).toBe("host:[::1]:8080");
    expect(hostBreakerKey("::1")).toBe("host:[::1]");
    expect(hostBreakerKey("API.example.com", "8443")).toBe("host:api.example.com:8443");
    expect(ZBreakerOverride.parse(override("host:API.example.com.", 2)).key).toBe("host:api.example.com");
  });
});
