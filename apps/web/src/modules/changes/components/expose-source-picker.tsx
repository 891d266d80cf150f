import { EXPOSE_SOURCE_KINDS } from '@portico/contracts';
import { Button } from '@/modules/ui/components/button';
import { TextField, inputClass } from '@/modules/ui/components/field';

/** Which object to expose, when the link did not say (e.g. from the Services list): a plain GET form. */
export function ExposeSourcePicker({ action, kind, namespace, name }: { action: string; kind: string; namespace: string; name: string }) {
  return (
    <form method="get" action={action} className="grid max-w-3xl gap-4 rounded-lg border border-zinc-200 bg-white p-5 sm:grid-cols-4">
      <div className="space-y-1.5">
        <label htmlFor="expose-kind" className="block text-sm font-medium text-zinc-800">
          Kind
        </label>
        <select id="expose-kind" name="kind" defaultValue={kind} className={inputClass}>
          {EXPOSE_SOURCE_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </div>
      <TextField id="expose-namespace" name="namespace" label="Namespace" defaultValue={namespace} required />
      <TextField id="expose-name" name="name" label="Name" defaultValue={name} required />
      <div className="pt-6.5">
        <Button type="submit" variant="primary">
          Continue
        </Button>
      </div>
    </form>
  );
}
