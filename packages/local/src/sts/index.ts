export { type AssumeRoleInput, createAssumeRole, type IssuedCredentials, StsRefusal } from "./assume-role.ts";
export { type LocalSts, type LocalStsOptions, startLocalSts } from "./server.ts";
