// The Loop node's ports, shared by the engine (server/engine/graph-index.ts) and the validator.
export const LOOP_TYPE = "control.loop";
export const LOOP_ITEM_HANDLE = "item";
export const LOOP_BACK_HANDLE = "back";
export const LOOP_DONE_HANDLE = "done";
