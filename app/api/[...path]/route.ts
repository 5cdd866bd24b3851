import { NextResponse, type NextRequest } from "next/server";

// Any /api path without a handler: a JSON 404, never an HTML page.
function notFound(req: NextRequest) {
  return NextResponse.json(
    { error: { code: "NOT_FOUND", message: `No API endpoint at ${req.method} ${req.nextUrl.pathname}.` } },
    { status: 404 },
  );
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
