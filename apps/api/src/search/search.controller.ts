import { Controller } from '@nestjs/common';
import { type TSearchQuery, routes } from '@portico/contracts';
import { Caller, Input, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { SearchService } from './search.service.js';

@Controller()
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Route(routes.search)
  search(@Caller() caller: Principal, @Input('query') query: TSearchQuery) {
    return this.searchService.search(caller, query);
  }
}
