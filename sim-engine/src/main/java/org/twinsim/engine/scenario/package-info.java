/**
 * The validated scenario model: {@link org.twinsim.engine.scenario.Scenario} and its sections. Each
 * record validates itself and fills documented defaults, so an instance that exists is runnable.
 * YAML files are mapped onto these records by the scenarios module.
 */
package org.twinsim.engine.scenario;
