/** A responsible unit (责任单位), by canonical name with the aliases people write. */
export interface Unit {
  name: string;
  aliases: string[];
}
