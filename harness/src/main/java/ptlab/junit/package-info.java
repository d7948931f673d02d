/** JUnit XML of a run and of a campaign, as CI dashboards read it. */
package ptlab.junit;
