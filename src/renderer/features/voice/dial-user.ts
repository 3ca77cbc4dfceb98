/** What is dialled: a phone number without its separators; an extension name (letters) as it is. */
export const dialUser = (n: string) => (/[A-Za-z]/.test(n) ? n.trim() : n.replace(/[^\d*#+]/g, ''));
