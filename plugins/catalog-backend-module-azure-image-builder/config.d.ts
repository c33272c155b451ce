export interface Config {
  /**
   * Azure VM Image Builder scorecards. The sources, ownership, schedule and rules of this block
   * are declared by `@aib-scorecards/plugin-azure-image-builder-node`; this package adds only the
   * settings of the catalog entity provider.
   */
  azureImageBuilder?: {
    /**
     * (Optional) Settings of the catalog entity provider.
     */
    catalog?: {
      /**
       * (Optional) The largest share of a source's entities that one refresh may remove, from 0
       * to 1. When a refresh would leave fewer than `(1 - maxDropRatio)` of the entities the last
       * refresh applied, no change is applied and an error is logged. `1` turns this check off
       * (a refresh with no entities at all is still never applied). Default: 0.5.
       * @minimum 0
       * @maximum 1
       */
      maxDropRatio?: number;
    };
  };
}
