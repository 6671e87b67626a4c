import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { AppliedPlanResponse, RosterPlanResponse } from './roster-plan.response.js';
import { WishResponse } from './wish.response.js';
import { CreateWishDto, ListPlansQuery, ListWishesQuery, ProposePlanDto } from './dto/plans.dto.js';
import { RosterPlansService } from './roster-plans.service.js';
import { WishesService } from './wishes.service.js';

@ApiTags('roster plans and wishes')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class RosterPlansController {
  constructor(
    private readonly plans: RosterPlansService,
    private readonly wishes: WishesService,
  ) {}

  @ApiOperation({
    summary: 'Propose nurses for the open positions of a region over a period; nothing changes until the plan is applied',
    description:
      'Lawful as a whole (any order of applying passes every assignment check, the weekly rest and free Sundays included), and no nurse beyond her contract share plus overtimePct over the period. Objective, in order: the most covered position-minutes; for a repair plan the fewest changed assignments; the relative loads as even as possible, largest first; nights, on-call blocks and weekend duties spread the same way; wishes. The plan is made in a worker thread, so it holds up no other request. 422 plan-too-large: the period holds more than 20,000 open positions (refused at once), or the plan could not be made within PLANNER_DEADLINE_SECONDS (default 60) of the request; nothing is written.',
  })
  @ApiCreatedResponse({ type: RosterPlanResponse })
  @Post('roster-plans')
  @Roles('coordinator')
  propose(@CurrentPrincipal() who: Principal, @Body() dto: ProposePlanDto) {
    return this.plans.propose(who, dto);
  }

  @ApiOperation({
    summary: "A region's plans, newest first (what a coordinator reopens after a reload)",
    description: 'At most 50. `status` filters on the status as answered (a proposal past its 24 h reads expired).',
  })
  @ApiOkResponse({ type: [RosterPlanResponse] })
  @Get('roster-plans')
  @Roles('coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() q: ListPlansQuery) {
    return this.plans.list(who, q.regionCode, q.status);
  }

  @ApiOkResponse({ type: RosterPlanResponse })
  @Get('roster-plans/:id')
  @Roles('coordinator')
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.plans.get(who, id);
  }

  @ApiOperation({ summary: 'Discard a plan (it can no longer be applied)' })
  @ApiNoContentResponse({ description: 'Discarded' })
  @Delete('roster-plans/:id')
  @HttpCode(204)
  @Roles('coordinator')
  async discard(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.plans.discard(who, id);
  }

  @ApiOperation({
    summary: 'Every proposal becomes an assignment, in one transaction; refused whole (409 plan-stale, plan-applied, plan-expired)',
    description:
      'A proposal with replacesAssignmentId (repair plans) is performed as POST /api/assignments/:id/replace would: the replaced assignment is cancelled (an offer on it too) and the nurse assigned, judged without it. The hand-overs come first, then every proposal is judged in the plan’s order; `cancelled` lists the replaced assignments.',
  })
  @ApiOkResponse({ type: AppliedPlanResponse })
  @Post('roster-plans/:id/apply')
  @HttpCode(200)
  @Roles('coordinator')
  apply(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.plans.apply(who, id);
  }

  @ApiOperation({ summary: 'Mark a date on which I would rather not start a duty' })
  @ApiCreatedResponse({ type: WishResponse })
  @Post('me/wishes')
  @Roles('nurse')
  createOwnWish(@CurrentPrincipal() who: Principal, @Body() dto: CreateWishDto) {
    return this.wishes.create(who, this.wishes.ownNurseId(who), dto.date);
  }

  @ApiOkResponse({ type: [WishResponse] })
  @Get('me/wishes')
  @Roles('nurse')
  listOwnWishes(@CurrentPrincipal() who: Principal, @Query() q: ListWishesQuery) {
    return this.wishes.list(who, this.wishes.ownNurseId(who), q.from, q.to);
  }

  @ApiOperation({ summary: "Record a nurse's wish (coordinator in scope, admin)" })
  @ApiCreatedResponse({ type: WishResponse })
  @Post('nurses/:id/wishes')
  @Roles('coordinator')
  createWish(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CreateWishDto) {
    return this.wishes.create(who, id, dto.date);
  }

  @ApiOkResponse({ type: [WishResponse] })
  @Get('nurses/:id/wishes')
  @Roles('coordinator', 'nurse')
  listWishes(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() q: ListWishesQuery) {
    return this.wishes.list(who, id, q.from, q.to);
  }

  @ApiOperation({ summary: 'Withdraw a wish (the nurse itself, or a coordinator in scope)' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @Delete('wishes/:id')
  @HttpCode(204)
  @Roles('coordinator', 'nurse')
  async removeWish(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.wishes.remove(who, id);
  }
}
