import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OnCallQuery, OnCallService } from './on-call.service.js';

@ApiTags('on call')
@ApiBearerAuth()
@Controller('api/on-call')
export class OnCallController {
  constructor(private readonly onCall: OnCallService) {}

  @ApiOperation({ summary: 'Who is on call for a function in a region at an instant (default now); any authenticated caller' })
  @Get()
  get(@Query() q: OnCallQuery) {
    return this.onCall.lookup(q);
  }
}
