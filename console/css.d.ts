// esbuild bundles imported stylesheets into console.css; TypeScript only needs to know they exist.
declare module "*.css";
