'use client';

import { useSyncExternalStore, type ComponentProps } from 'react';
import { Button } from './button';

const subscribe = () => () => {};

/**
 * A submit button that stays disabled until React has hydrated the form. Before that, a click
 * (or Enter) would submit the form natively — sending its fields, passwords included, to the
 * page URL instead of our handler. A disabled default button also blocks implicit submission.
 */
export function SubmitButton({ disabled, ...props }: Omit<ComponentProps<typeof Button>, 'type'>) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <Button type="submit" disabled={!hydrated || disabled} {...props} />;
}
