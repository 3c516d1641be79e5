// Types for local-path.js, which stays plain JavaScript so the browser can load it as it is.
export declare function isLocalPath(value: unknown): value is string;
export declare function safeLocalPath(value: unknown, fallback?: string): string;
