export function readEnvFiles(root: string, name: string): Record<string, string>;
export function tabConfigFrom(env: Record<string, string>): Record<string, string | undefined>;
