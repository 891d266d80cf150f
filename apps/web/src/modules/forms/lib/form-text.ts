/** A text field's value from a form's data: '' when absent (a file input's File is not text either). */
export const formText = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};
