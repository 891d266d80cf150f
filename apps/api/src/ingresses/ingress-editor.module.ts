import { Module } from '@nestjs/common';
import { IngressEditorController } from './ingress-editor.controller.js';
import { IngressEditorService } from './ingress-editor.service.js';

/** The Ingress editor's reads (issue 10): the form's pickers and, after apply, the certificates cert-manager makes. */
@Module({
  controllers: [IngressEditorController],
  providers: [IngressEditorService],
})
export class IngressEditorModule {}
