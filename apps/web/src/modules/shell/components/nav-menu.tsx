'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Icon } from '@/modules/ui/components/icons';

/** The phone-width navigation disclosure: the header's Menu button opens the sidebar's nav. */
interface NavMenuState {
  open: boolean;
  toggle: () => void;
  /** Closes it; with `refocus`, focus goes back to the Menu button (Escape). */
  close: (refocus?: boolean) => void;
  button: RefObject<HTMLButtonElement | null>;
}

const NavMenuContext = createContext<NavMenuState | null>(null);

export const NAV_ID = 'main-nav';

export function NavMenuProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback((refocus = false) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);
  const toggle = useCallback(() => setOpen((o) => !o), []);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(true);
    };
    document.addEventListener('keydown', onKey);
    // Opened from the keyboard or a tap: focus goes to the first link, where the menu starts.
    document.getElementById(NAV_ID)?.querySelector<HTMLElement>('a')?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, [open, close]);

  const value = useMemo(() => ({ open, toggle, close, button }), [open, toggle, close]);
  return <NavMenuContext.Provider value={value}>{children}</NavMenuContext.Provider>;
}

export function useNavMenu(): NavMenuState {
  const state = useContext(NavMenuContext);
  if (!state) throw new Error('useNavMenu needs a NavMenuProvider');
  return state;
}

/** Shown below the `md` breakpoint only; above it the sidebar is always there. */
export function NavMenuButton() {
  const { open, toggle, button } = useNavMenu();
  return (
    <button
      ref={button}
      type="button"
      aria-expanded={open}
      aria-controls={NAV_ID}
      onClick={toggle}
      className="-ml-1 flex shrink-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent-600 md:hidden"
    >
      <Icon name={open ? 'close' : 'menu'} className="size-5" />
      Menu
    </button>
  );
}
