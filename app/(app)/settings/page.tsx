import { redirect } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";

export default async function SettingsIndex() {
  await requirePage("settings:read");
  redirect("/settings/providers");
}
