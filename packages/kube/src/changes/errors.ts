/** A change request that cannot be carried out as asked, with the request field at fault (as the API names it: `change.ports.0.port`). */
export class ChangeInputError extends Error {
  override readonly name = 'ChangeInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
