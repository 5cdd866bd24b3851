// Help-centre articles for the Customer Care knowledge base. `metadata.category` matches the support
// classifier's labels, so the retrieval nodes can filter by the chosen category.

export const HELP_CENTRE = {
  name: "Help Centre",
  description: "Public help-centre articles used to ground drafted support replies.",
};

export const HELP_CENTRE_DOCS: {
  title: string;
  category: "billing" | "technical" | "account" | "other";
  content: string;
}[] = [
  {
    title: "Why was I charged twice?",
    category: "billing",
    content:
      "A second charge is usually a pre-authorisation hold that your bank releases within 3–5 business days. If both charges still appear as settled after 5 days, reply with the last four digits of the card and the dates of both charges, and we will refund the duplicate within 2 business days. Refunds go back to the original payment method.",
  },
  {
    title: "Requesting a refund",
    category: "billing",
    content:
      "Annual plans can be refunded in full within 14 days of purchase, and pro rata after that for the unused months. Monthly plans are not refunded for the current month, but you can cancel at any time to stop the next charge. Refunds take 5–10 business days to appear on your statement.",
  },
  {
    title: "Updating your payment method and invoices",
    category: "billing",
    content:
      "Owners can change the card or switch to invoicing under Settings → Billing. Invoices are issued on the first day of each billing period and can be downloaded as PDF. To add a VAT number or change the billing address, edit the billing profile before the next invoice is issued; past invoices cannot be re-issued.",
  },
  {
    title: "The app shows 'Sync failed' or keeps loading",
    category: "technical",
    content:
      "Check status.example.com for an ongoing incident first. Then sign out and back in, and clear the app cache (Settings → Advanced → Clear cache). On desktop, make sure your firewall allows connections to *.example.com on port 443. If the problem persists, send us the diagnostic ID shown under Help → About.",
  },
  {
    title: "API errors 429 and 5xx",
    category: "technical",
    content:
      "A 429 response means you exceeded your plan's rate limit; retry after the number of seconds in the Retry-After header, with exponential backoff. 500, 502 and 503 responses are transient: retry idempotent requests up to 3 times. Persistent 5xx errors for more than 10 minutes should be reported with the request ID from the x-request-id header.",
  },
  {
    title: "Resetting your password",
    category: "account",
    content:
      "Use 'Forgot password' on the sign-in page; the reset link is valid for 60 minutes. If the email does not arrive, check spam and make sure you use the address on the account. Accounts that sign in through company single sign-on cannot reset passwords here: contact your IT administrator instead.",
  },
  {
    title: "Two-factor authentication and locked accounts",
    category: "account",
    content:
      "After 5 failed sign-in attempts an account is locked for 15 minutes. If you lost your 2FA device, use one of your backup codes; without backup codes, an account owner can reset 2FA for you, or we can verify your identity by a signed request from the account's billing contact.",
  },
  {
    title: "Contacting a specialist",
    category: "other",
    content:
      "Some requests need a specialist: legal and privacy requests, security reports, and partnership enquiries. We route these to the right team within one business day. Security issues can also be reported to security@example.com; please do not include passwords or full card numbers in any message.",
  },
];
