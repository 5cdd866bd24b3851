import {
  Bot,
  ChartColumn,
  Circle,
  Inbox,
  Play,
  ScrollText,
  Settings,
  Shield,
  Workflow,
  type LucideIcon,
} from "lucide-react";

// NAV_ITEMS name icons with strings (they are isomorphic data); the mapping to components lives in the UI.
const ICONS: Record<string, LucideIcon> = {
  workflow: Workflow,
  play: Play,
  inbox: Inbox,
  chart: ChartColumn,
  shield: Shield,
  bot: Bot,
  scroll: ScrollText,
  settings: Settings,
};

export function NavIcon({ name, className }: { name: string; className?: string }) {
  const Icon = ICONS[name] ?? Circle;
  return <Icon aria-hidden="true" className={className ?? "h-5 w-5 shrink-0"} />;
}
