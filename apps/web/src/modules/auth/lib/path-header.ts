/** Request header the proxy sets to the URL being rendered, so layouts can build `/login?next=`. */
export const PATH_HEADER = 'x-portico-path';
