// Types of securityPolicy.js (plain CommonJS, so that next.config.js can require it).
export declare function contentSecurityPolicy(nonce?: string): string;
export declare const SECURITY_HEADERS: { key: string; value: string }[];
