// Prices per million tokens as stored: exact decimal strings, shown exactly ($0.125, not a rounded $0.13).

/** "0.125" → "$0.125", "2.5" → "$2.50", "1250" → "$1,250.00"; null → "—". */
export function priceText(value: string | null): string {
  if (value === null) return "—";
  const [whole = "0", fraction = ""] = value.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `$${grouped}.${fraction.padEnd(2, "0")}`;
}
