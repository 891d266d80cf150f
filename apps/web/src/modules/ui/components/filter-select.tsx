import { selectClass } from './field';

/** One labelled select of a list's GET filter form: its first option means "no filter". */
export function FilterSelect({ id, label, name, value, options, all }: { id: string; label: string; name: string; value: string | undefined; options: [string, string][]; all: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={`${selectClass} h-8 w-44 py-1`}>
        <option value="">{all}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
