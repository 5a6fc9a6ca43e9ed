package com.cksconsole.view;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Makes {@link VisibleText} available to every template as {@code #visibleText}. Why a
 * dialect and not a bean ({@code @visibleText}): the template engine has it wherever it
 * renders a page, in slice tests too, without each test having to know about it.
 */
@Component
class VisibleTextDialect extends AbstractDialect implements IExpressionObjectDialect {

    static final String NAME = "visibleText";

    private static final VisibleText VISIBLE_TEXT = new VisibleText();

    VisibleTextDialect() {
        super("Visible text");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return VISIBLE_TEXT;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }

}
