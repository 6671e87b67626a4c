import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal.js';

export const PUBLIC_KEY = 'wijkwacht:public';
export const ROLES_KEY = 'wijkwacht:roles';

/** No bearer token needed (health, the calendar feed whose secret is the key). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Roles that may call the endpoint; admin always may. Scope is checked in the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
