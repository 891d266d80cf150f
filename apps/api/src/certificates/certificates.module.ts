import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';

/** The fleet's certificates (issue 11): list and detail. Alerts, snoozes and policy live in notifications/. */
@Module({ controllers: [CertificatesController], providers: [CertificatesService] })
export class CertificatesModule {}
