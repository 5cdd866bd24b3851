import type { TPortDef } from "./types";

export const MAIN_INPUT: TPortDef[] = [{ id: "in", label: "Input" }];
export const MAIN_OUTPUT: TPortDef[] = [{ id: "out", label: "Output" }];
export const NO_PORTS: TPortDef[] = [];
