import { Module } from '@nestjs/common';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';

/** Cross-cluster search from the header (issue 14). */
@Module({ controllers: [SearchController], providers: [SearchService] })
export class SearchModule {}
