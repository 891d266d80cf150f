import { Icon } from '@/modules/ui/components/icons';

/** What a non-admin sees on an admin page (the API answers 403 to them as well). */
export function AdminRequired({ organization, what }: { organization: string; what: string }) {
  return (
    <div role="alert" className="rounded-lg border border-zinc-200 bg-white px-6 py-10 text-center shadow-xs">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-amber-50 text-amber-600">
        <Icon name="lock" className="size-5" />
      </div>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">You need the admin role</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600">
        Only admins of {organization} can see {what}. Ask an admin of this organization to change your role, or switch to an organization where you are an admin.
      </p>
    </div>
  );
}
