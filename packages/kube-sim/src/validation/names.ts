/**
 * Name and label syntax, with the apiserver's own messages.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Each returns a list of problems (empty = valid). */
export function dns1123Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(v))
    out.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  return out;
}

export function dns1123Subdomain(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!v.split('.').every((l) => DNS1123_LABEL.test(l)))
    out.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  return out;
}

export function dns1035Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(v))
    out.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  return out;
}

/** `*.example.com` is allowed; `*` anywhere else is not (any `*` gets the wildcard rules, as in the apiserver). */
export function wildcardOrSubdomain(v: string): string[] {
  if (v.includes('*')) {
    const rest = v.slice(2);
    if (!v.startsWith('*.') || rest.includes('*') || dns1123Subdomain(rest).length)
      return [
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ];
    return [];
  }
  return dns1123Subdomain(v);
}

export function isIPv4(v: string): boolean {
  const m = v.match(IPV4);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

export function labelKey(k: string): string[] {
  const parts = k.split('/');
  if (parts.length > 2) return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"];
  const name = parts[parts.length - 1];
  const out: string[] = [];
  if (parts.length === 2) out.push(...dns1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name))
    out.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  return out;
}

/** A qualified name (`[prefix/]name`), e.g. a Service port's appProtocol: the label-key rules. */
export const qualifiedName = (v: string): string[] => labelKey(v);

export function labelValue(v: string): string[] {
  if (v === '') return [];
  if (v.length > 63 || !QUALIFIED_NAME.test(v))
    return [
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ];
  return [];
}

/** IANA service name, as used for named ports. */
export function portName(v: string): string[] {
  if (v.length > 15) return ['must be no more than 15 characters'];
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(v) || !/[a-z]/.test(v) || v.includes('--'))
    return ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)'];
  return [];
}
