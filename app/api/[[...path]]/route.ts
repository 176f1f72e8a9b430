import { unknownApiPath } from "@/lib/server/api-route";

/** Any /api path no other route matches: the 404 envelope instead of Next's HTML page. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = unknownApiPath();
