/** One parent's status as the API words it (`details.parentStatus` of an HTTPRoute). */
export interface RouteParentStatus {
  gateway: string;
  sectionName: string | null;
  accepted: boolean | null;
  resolvedRefs: boolean | null;
  summary: string;
}

export const parentStatusOf = (details: Record<string, unknown> | undefined): RouteParentStatus[] => (Array.isArray(details?.parentStatus) ? (details.parentStatus as RouteParentStatus[]) : []);
