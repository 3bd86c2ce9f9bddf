/** Raised when the user dismisses a prompt or cancels a wait; commands end quietly. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}
