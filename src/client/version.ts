/**
 * The package version, sent as `Client-Name: sonora/<version>`. A constant instead of reading
 * package.json at run time: the published layout (dist/) and the source layout (src/) put
 * package.json at different depths, and a JSON import would need an import attribute. A test
 * checks it matches package.json, so a release cannot forget to bump it.
 */
export const SONORA_VERSION = "0.1.0";

/** Value of the `Client-Name` handshake header. */
export const CLIENT_NAME = `sonora/${SONORA_VERSION}`;
