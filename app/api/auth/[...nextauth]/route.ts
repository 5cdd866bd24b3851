import NextAuth from "next-auth";
import { authOptions } from "@/app/_lib/auth";

const authHandler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(req, ctx);

export { authHandler as GET, authHandler as POST };
