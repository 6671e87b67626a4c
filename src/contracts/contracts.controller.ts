import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import { type Principal } from '../auth/principal.js';
import { ContractsService } from './contracts.service.js';
import { CreateContractDto, ListContractsQuery, TerminateContractDto } from './dto/create-contract.dto.js';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @ApiOperation({ summary: 'Contract a function in a region with one responsible party (exclusive; 409 on overlap)' })
  @Post()
  @Roles('insurer')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateContractDto) {
    return this.contracts.create(who, dto);
  }

  @Get()
  @Roles('insurer', 'coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() query: ListContractsQuery) {
    return this.contracts.list(who, query);
  }

  @Get(':id')
  @Roles('insurer', 'coordinator')
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.contracts.get(who, id);
  }

  @ApiOperation({ summary: 'Shorten the period; slots after lastDay are removed and their assignments cancelled (listed)' })
  @Post(':id/terminate')
  @HttpCode(200)
  @Roles('insurer')
  terminate(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: TerminateContractDto) {
    return this.contracts.terminate(who, id, dto);
  }
}
