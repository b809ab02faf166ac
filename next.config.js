// Next.js configuration for Connex. Kept minimal and offline: no remote fonts or images,
// and deliberately no COOP/COEP headers (they make the threaded tfjs wasm build hang).

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

module.exports = nextConfig;
