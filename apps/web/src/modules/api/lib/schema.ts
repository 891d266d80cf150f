/**
 * The slice of a zod schema the API helpers use, so the web needs no direct zod dependency:
 * the schemas themselves come from `@portico/contracts`.
 */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}
