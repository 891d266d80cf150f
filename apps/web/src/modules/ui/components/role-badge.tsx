import type { TRole } from '@portico/contracts';
import { Badge, type BadgeTone } from './badge';

const roleTone: Record<TRole, BadgeTone> = { admin: 'accent', editor: 'success', viewer: 'neutral' };

export function RoleBadge({ role }: { role: TRole }) {
  return <Badge tone={roleTone[role]}>{role}</Badge>;
}
