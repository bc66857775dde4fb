import { type Connection, Schema } from 'mongoose';

/** The office's confirmation of a proposed yellow card; the unique `warningId` decides who confirmed it. */
export interface WarningConfirmation {
  warningId: string;
  confirmedBy: string;
  confirmedAt: Date;
}

const confirmationSchema = new Schema<WarningConfirmation>(
  {
    warningId: { type: String, required: true, unique: true },
    confirmedBy: { type: String, required: true },
    confirmedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'warning_confirmations' },
);

export const warningConfirmationModel = (connection: Connection) =>
  connection.model<WarningConfirmation>('WarningConfirmation', confirmationSchema);
