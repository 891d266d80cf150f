'use client';

import { useState } from 'react';
import { routes, type TApiToken, type TApiTokenList, type TCreatedApiToken, type TRole } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { useLoadMore } from '@/modules/api/lib/use-load-more';
import { InlineMessage, type InlineMessageValue } from '@/modules/ui/components/alert';
import { LoadMore } from '@/modules/ui/components/load-more';
import { CreateTokenForm } from './create-token-form';
import { TokenSecret } from './token-secret';
import { TokensTable } from './tokens-table';

export function TokensPanel({ initial, myRole, myUserId, csrfToken }: { initial: TApiTokenList; myRole: TRole; myUserId: string; csrfToken?: string }) {
  const list = useLoadMore({ initial, route: routes.listTokens });
  const [created, setCreated] = useState<TCreatedApiToken | null>(null);
  const [message, setMessage] = useState<InlineMessageValue | null>(null);

  function onCreated(c: TCreatedApiToken) {
    setCreated(c);
    setMessage(null);
    list.setItems((items) => [c.token, ...items]);
  }

  async function onRevoke(token: TApiToken) {
    setMessage(null);
    const res = await apiCall(routes.revokeToken, { params: { id: token.id }, csrfToken });
    if (!res.ok) {
      setMessage({ tone: 'error', text: `Could not revoke “${token.name}”. ${problemMessage(res.problem)}` });
      return;
    }
    const revokedAt = new Date().toISOString();
    list.setItems((items) => items.map((t) => (t.id === token.id ? { ...t, revokedAt } : t)));
    setMessage({ tone: 'ok', text: `Token “${token.name}” revoked. Requests using it are now refused.` });
  }

  return (
    <div className="space-y-6">
      {created ? <TokenSecret created={created} onDone={() => setCreated(null)} /> : <CreateTokenForm myRole={myRole} csrfToken={csrfToken} onCreated={onCreated} />}
      <div>
        <InlineMessage message={message} />
        <TokensTable tokens={list.items} canRevoke={(t) => myRole === 'admin' || t.createdBy.id === myUserId} onRevoke={onRevoke} />
        {list.items.length > 0 && <LoadMore hasMore={!!list.nextCursor} loading={list.loading} error={list.error} onLoadMore={list.loadMore} shown={list.items.length} noun={['token', 'tokens']} />}
      </div>
    </div>
  );
}
