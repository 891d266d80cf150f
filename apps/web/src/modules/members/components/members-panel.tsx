'use client';

import { useState } from 'react';
import { ZMember, ZMemberList, type TCreatedMember, type TMember, type TMemberList, type TRole } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { useLoadMore } from '@/modules/api/lib/use-load-more';
import { Button } from '@/modules/ui/components/button';
import { CopyBox } from '@/modules/ui/components/copy-box';
import { InlineMessage, type InlineMessageValue } from '@/modules/ui/components/alert';
import { LoadMore } from '@/modules/ui/components/load-more';
import { AddMemberForm } from './add-member-form';
import { MembersTable } from './members-table';

export function MembersPanel({ initial, myUserId, csrfToken }: { initial: TMemberList; myUserId: string; csrfToken?: string }) {
  const list = useLoadMore({ initial, path: '/api/v1/members', schema: ZMemberList });
  const [created, setCreated] = useState<TCreatedMember | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<InlineMessageValue | null>(null);

  function onCreated(c: TCreatedMember) {
    setCreated(c);
    setMessage({ tone: 'ok', text: `${c.member.email} added as ${c.member.role}.` });
    list.setItems((items) => [c.member, ...items.filter((m) => m.id !== c.member.id)]);
  }

  async function update(member: TMember, body: { role?: TRole; disabled?: boolean }, done: string) {
    setBusyId(member.id);
    setMessage(null);
    const res = await clientApi(`/api/v1/members/${encodeURIComponent(member.id)}`, { method: 'PATCH', body, csrfToken, schema: ZMember });
    setBusyId(null);
    if (!res.ok) {
      setMessage({ tone: 'error', text: `Could not update ${member.email}. ${problemMessage(res.problem)}` });
      return;
    }
    list.setItems((items) => items.map((m) => (m.id === member.id ? res.data : m)));
    setMessage({ tone: 'ok', text: done });
  }

  return (
    <div className="space-y-6">
      <AddMemberForm csrfToken={csrfToken} onCreated={onCreated} />
      {created?.initialPassword && (
        <div role="region" aria-labelledby="initial-password-title" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50/60 p-4">
          <h3 id="initial-password-title" className="text-sm font-semibold text-zinc-900">
            Initial password for {created.member.email}
          </h3>
          <p className="text-sm text-zinc-700">
            Give it to them over a safe channel. <strong className="font-semibold">It will not be shown again.</strong>
          </p>
          <CopyBox id="initial-password" label={`Initial password for ${created.member.email}`} value={created.initialPassword} />
          <Button size="sm" onClick={() => setCreated(null)}>
            Done
          </Button>
        </div>
      )}
      <div>
        <InlineMessage message={message} />
        <MembersTable
          members={list.items}
          myUserId={myUserId}
          busyId={busyId}
          onRole={(m, role) => update(m, { role }, `${m.email} is now ${role}.`)}
          onDisabled={(m, disabled) => update(m, { disabled }, disabled ? `${m.email} is disabled and can no longer sign in.` : `${m.email} is enabled again.`)}
        />
        <LoadMore hasMore={!!list.nextCursor} loading={list.loading} error={list.error} onLoadMore={list.loadMore} shown={list.items.length} noun={['member', 'members']} />
      </div>
    </div>
  );
}
