'use client';

import { useEffect, useRef, useState } from 'react';
import { routes, type TCreatedApiToken } from '@portico/contracts';
import { Button } from '@/modules/ui/components/button';
import { CopyBox } from '@/modules/ui/components/copy-box';
import { Icon } from '@/modules/ui/components/icons';

/** The new token's secret, shown once: it lives only in this component's state. */
export function TokenSecret({ created, onDone }: { created: TCreatedApiToken; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [origin, setOrigin] = useState('');
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- window exists only after mount; the server render has no origin.
    setOrigin(window.location.origin);
    heading.current?.focus();
  }, []);

  const curl = `curl -H "Authorization: Bearer ${created.secret}" ${origin}${routes.me.path}`;

  return (
    <div className="space-y-4 rounded-lg border border-amber-300 bg-amber-50/60 p-4" aria-labelledby="token-secret-title" role="region">
      <div className="flex items-start gap-3">
        <Icon name="warning" className="mt-0.5 size-5 shrink-0 text-amber-600" />
        <div>
          <h3 id="token-secret-title" ref={heading} tabIndex={-1} className="text-sm font-semibold text-zinc-900 focus:outline-none">
            Token “{created.token.name}” created
          </h3>
          <p className="mt-0.5 text-sm text-zinc-700">
            Copy the secret now and store it somewhere safe. <strong className="font-semibold">It will not be shown again</strong> — if you lose it, revoke the token and create a new one.
          </p>
        </div>
      </div>
      <CopyBox id="token-secret" label="API token secret" value={created.secret} />
      <div>
        <p className="mb-1.5 text-xs font-medium text-zinc-600">Try it:</p>
        <CopyBox id="token-curl" label="Example curl command" value={curl} />
      </div>
      <Button size="sm" onClick={onDone}>
        I have copied it
      </Button>
    </div>
  );
}
