import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ContractResponse } from './contract.response.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { ContractsService } from './contracts.service.js';
import { CreateContractDto, ListContractsQuery } from './dto/create-contract.dto.js';

@ApiTags('contracts')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @ApiOperation({ summary: 'Contract a function in a region with one responsible party (exclusive; 409 on overlap)' })
  @ApiCreatedResponse({ type: ContractResponse })
  @Post()
  @Roles('insurer')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateContractDto) {
    return this.contracts.create(who, dto);
  }

  @ApiOkResponse({ type: [ContractResponse] })
  @Get()
  @Roles('insurer', 'coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() query: ListContractsQuery) {
    return this.contracts.list(who, query);
  }

  @ApiOkResponse({ type: ContractResponse })
  @Get(':id')
  @Roles('insurer', 'coordinator')
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.contracts.get(who, id);
  }
}
