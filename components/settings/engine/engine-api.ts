// Client-side keys of Settings → Engine; the calls go through the shared API client (components/shell/api-client).
export const engineKeys = {
  all: ["engine"] as const,
  status: () => [...engineKeys.all, "status"] as const,
  network: () => [...engineKeys.all, "network"] as const,
};

export const STATUS_REFRESH_MS = 5000;
