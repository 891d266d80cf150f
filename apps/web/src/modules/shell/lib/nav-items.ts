import type { IconName } from '@/modules/ui/components/icons';

export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  adminOnly?: boolean;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const navGroups: NavGroup[] = [
  {
    label: 'Traffic',
    items: [
      { href: '/', label: 'Overview', icon: 'warning' },
      { href: '/clusters', label: 'Clusters', icon: 'clusters' },
      { href: '/services', label: 'Services', icon: 'services' },
      { href: '/ingresses', label: 'Ingress & TLS', icon: 'ingress' },
      { href: '/gateway-api', label: 'Gateway API', icon: 'gateway' },
      { href: '/certificates', label: 'Certificates', icon: 'certificates' },
      { href: '/tls-secrets', label: 'TLS Secrets', icon: 'certificates' },
      { href: '/changes', label: 'Changes', icon: 'changes' },
    ],
  },
  {
    label: 'Organization',
    items: [
      { href: '/settings', label: 'Settings', icon: 'settings' },
      { href: '/settings/users', label: 'Users', icon: 'users', adminOnly: true },
      { href: '/settings/audit', label: 'Audit log', icon: 'audit', adminOnly: true },
      { href: '/account', label: 'Account', icon: 'account' },
    ],
  },
];

/** The nav item for `pathname`: the longest href that is the path or a parent of it. */
export function activeHref(pathname: string, items: NavItem[]): string | null {
  let best: string | null = null;
  for (const { href } of items) {
    if ((pathname === href || pathname.startsWith(`${href}/`)) && (!best || href.length > best.length)) best = href;
  }
  return best;
}
