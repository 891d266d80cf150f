import { redirect } from 'next/navigation';

/** The old address of Ingress & TLS; links and bookmarks keep working. */
export default async function OldIngressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const one of Array.isArray(v) ? v : v ? [v] : []) qs.append(k, one);
  const s = qs.toString();
  redirect(s ? `/ingresses?${s}` : '/ingresses');
}
