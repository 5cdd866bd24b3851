// Isomorphic: a template of the gallery as the "New workflow" dialog lists it (its graph is built on the server,
// against the records of the team the workflow is created in).
export type TWorkflowTemplateSummary = {
  key: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  nodeCount: number;
  /** What starts it: manual, webhook, schedule or event. */
  triggerType: string;
};
