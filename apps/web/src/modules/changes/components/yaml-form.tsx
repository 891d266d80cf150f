'use client';

import { useState } from 'react';
import { useChangeForm } from '../lib/use-change-form';
import { ChangeField } from './change-field';
import { ChangeFormFooter } from './change-form-footer';
import { YamlEditor } from './yaml-editor';

/** Edit one object as YAML (a kind Portico syncs), through the same preview and pipeline. */
export function YamlForm({ clusterId, csrfToken, initial, canSubmit }: { clusterId: string; csrfToken?: string; initial: string; canSubmit: boolean }) {
  const [yaml, setYaml] = useState(initial);
  const cf = useChangeForm({ clusterId, csrfToken, change: { type: 'yaml', yaml }, fields: ['change.yaml'] });
  return (
    <form {...cf.formProps} aria-label="Edit as YAML" className="space-y-6">
      <ChangeField cf={cf} name="change.yaml" label="YAML" hint="status and the fields the apiserver sets (uid, resourceVersion…) are left out: only what you set here is applied.">
        {(props) => <YamlEditor id={props.id} name={props.name} value={yaml} onChange={setYaml} invalid={!!props['aria-invalid']} describedBy={props['aria-describedby']} />}
      </ChangeField>
      <ChangeFormFooter cf={cf} canSubmit={canSubmit} />
    </form>
  );
}
